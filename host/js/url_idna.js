// Domain to ASCII for whatwg-url (host/BUILD.gn gives it this in place of
// tr46). The URL standard's own shortcut: a domain that is ASCII, with no
// label starting "xn--", comes out ASCII-lowercased, so tr46 and its
// Unicode tables (about 10 ms to load) are loaded only for the rest.
(function (natives, require) {
  'use strict';
  const SIMPLE = /^[\x00-\x7f]*$/;
  const PUNYCODE_LABEL = /(^|\.)xn--/i;
  let tr46;
  const full = () => (tr46 ??= require('tr46'));
  return {
    toASCII(domain, options) {
      if (!options.checkHyphens && SIMPLE.test(domain) && !PUNYCODE_LABEL.test(domain)) {
        return domain.toLowerCase();
      }
      return full().toASCII(domain, options);
    },
    toUnicode: (domain, options) => full().toUnicode(domain, options),
  };
})
