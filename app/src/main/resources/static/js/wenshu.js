// Sends the CSRF token with every htmx request (Spring Security checks it on POST, PUT, PATCH and DELETE).
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// Upload progress: htmx reports the request body's progress on the form that sent it.
document.addEventListener('htmx:xhr:progress', function (event) {
  var form = event.target && event.target.closest ? event.target.closest('form') : null;
  var bar = form ? form.querySelector('progress.upload') : null;
  if (bar && event.detail && event.detail.total) {
    bar.hidden = false;
    bar.value = Math.round(event.detail.loaded * 100 / event.detail.total);
  }
});

// Files over the archive's limit are refused here already, beside the file input, without uploading anything.
document.addEventListener('change', function (event) {
  var input = event.target;
  if (!input.matches || !input.matches('input[type=file][data-max-bytes]')) {
    return;
  }
  var max = Number(input.getAttribute('data-max-bytes'));
  var error = document.getElementById(input.id + '-error');
  var tooLarge = Array.prototype.filter.call(input.files, function (file) { return file.size > max; });
  if (error) {
    error.hidden = tooLarge.length === 0;
    // data-too-large: the server's own sentence for this input ({name} the file's name), so both say the same limit.
    var sentence = input.getAttribute('data-too-large');
    error.textContent = tooLarge.map(function (file) {
      return sentence ? sentence.replace('{name}', file.name)
          : '文件「' + file.name + '」过大：单个文件不得超过 ' + Math.floor(max / 1048576) + ' MB';
    }).join('；');
  }
  input.setAttribute('aria-invalid', tooLarge.length > 0 ? 'true' : 'false');
  input.setCustomValidity(tooLarge.length > 0 ? '文件过大' : '');
});

// A form marked data-submit-once disables its submit button once sent, so a double click sends it once; the
// server's idempotency key covers what gets through anyway.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (form.hasAttribute && form.hasAttribute('data-submit-once')) {
    if (form.getAttribute('data-sent') === 'true') {
      event.preventDefault();
      return;
    }
    form.setAttribute('data-sent', 'true');
    Array.prototype.forEach.call(form.querySelectorAll('button[type=submit]'), function (button) {
      button.setAttribute('aria-busy', 'true');
    });
  }
});
