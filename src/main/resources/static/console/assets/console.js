// Shared console behaviour: the CSRF token on htmx requests, reveal of veiled media.
(function () {
  'use strict';
  const token = document.querySelector('meta[name="csrf-token"]');
  const header = document.querySelector('meta[name="csrf-header"]');
  document.body.addEventListener('htmx:configRequest', (e) => {
    if (token && header) { e.detail.headers[header.content] = token.content; }
  });
  // the image grid: r reveals or veils every image, a tile's checkbox marks it blocked
  if (document.querySelector('.grid')) {
    document.addEventListener('keydown', (e) => {
      if (e.key === 'r' && !e.target.closest('input[type=text], textarea, select')) {
        document.querySelectorAll('.media').forEach((m) => m.classList.toggle('veiled'));
      }
    });
    document.querySelectorAll('.tile input[type=checkbox]').forEach((box) => {
      const sync = () => box.closest('.tile').classList.toggle('blocked', box.checked);
      box.addEventListener('change', sync);
      sync();
    });
  }
}());
