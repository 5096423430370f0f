// The service's JavaScript: an ES module, loaded by templates/base.html with
// <script type="module">, so it only runs in browsers GOV.UK Frontend supports.
//
// Both libraries are copied next to this file by `npm run build`. Django's
// ManifestStaticFilesStorage keeps the unhashed copies, so these relative imports resolve.
import { initAll as initGovukFrontend } from './govuk-frontend.min.js'
import { initAll as initMojFrontend } from './moj-frontend.min.js'

initGovukFrontend()
initMojFrontend()

// --- app-progress ---------------------------------------------------------------------------
// <form data-module="app-progress"> containing templates/includes/progress.html: on submit the
// form's buttons are disabled (so a slow action is not sent twice) and "Working…" is announced
// through the include's aria-live region.

const WORKING_TEXT = 'Working…'

function resetProgress (form) {
  delete form.dataset.appProgressSubmitting
  for (const button of form.querySelectorAll('button, input[type="submit"]')) {
    if (button.dataset.appProgressDisabled) {
      button.disabled = false
      button.removeAttribute('aria-disabled')
      delete button.dataset.appProgressDisabled
    }
  }
  for (const status of form.querySelectorAll('.app-progress__status')) {
    status.textContent = ''
  }
}

function showProgress (form) {
  for (const button of form.querySelectorAll('button, input[type="submit"]')) {
    if (!button.disabled) {
      // Disabled after the submit event has been dispatched, so the clicked button's own
      // name and value are still sent with the form.
      button.disabled = true
      button.setAttribute('aria-disabled', 'true')
      button.dataset.appProgressDisabled = 'true'
    }
  }
  for (const status of form.querySelectorAll('.app-progress__status')) {
    const spinner = document.createElement('span')
    spinner.className = 'app-progress__spinner'
    spinner.setAttribute('aria-hidden', 'true')
    const text = document.createElement('span')
    text.textContent = status.dataset.workingText || WORKING_TEXT
    status.replaceChildren(spinner, text)
  }
}

function initProgress (form) {
  form.addEventListener('submit', (event) => {
    if (form.dataset.appProgressSubmitting) {
      event.preventDefault()
      return
    }
    form.dataset.appProgressSubmitting = 'true'
    window.setTimeout(() => {
      // Another script (for example, client-side validation) may have cancelled the submit.
      if (event.defaultPrevented) {
        resetProgress(form)
      } else {
        showProgress(form)
      }
    }, 0)
  })
}

for (const form of document.querySelectorAll('form[data-module~="app-progress"]')) {
  initProgress(form)
}

// Coming back with the browser's Back button restores the page from the cache, spinner and all.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) {
    for (const form of document.querySelectorAll('form[data-module~="app-progress"]')) {
      resetProgress(form)
    }
  }
})
