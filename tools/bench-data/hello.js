// The start-up benchmark's script: the smallest useful program.
print('hello');
