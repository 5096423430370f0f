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

// --- app-countdown --------------------------------------------------------------------------
// <time data-module="app-countdown" datetime="2026-05-04T16:30:00+01:00">2 days 5 hours left</time>
// The server renders the text (breach clock, deadlines/breach_clock.py); this keeps it moving
// while the page is open, in the same words: days and hours, or hours and minutes under a day.

function plural (n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

function countdownText (due, now) {
  const left = due - now
  let minutes = Math.floor(Math.abs(left) / 60000)
  const days = Math.floor(minutes / 1440)
  minutes -= days * 1440
  const hours = Math.floor(minutes / 60)
  minutes -= hours * 60
  const parts = []
  if (days) parts.push(plural(days, 'day'))
  if (hours) parts.push(plural(hours, 'hour'))
  if (minutes && !days) parts.push(plural(minutes, 'minute'))
  const span = parts.join(' ') || 'less than a minute'
  return left <= 0 ? `overdue by ${span}` : `${span} left`
}

const countdowns = document.querySelectorAll('time[data-module~="app-countdown"]')
if (countdowns.length) {
  const tick = () => {
    const now = Date.now()
    for (const element of countdowns) {
      const due = Date.parse(element.getAttribute('datetime'))
      if (!Number.isNaN(due)) element.textContent = countdownText(due, now)
    }
  }
  window.setInterval(tick, 30000)
}
