print('a file after a failed one runs: it should not');
