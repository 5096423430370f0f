// Builds the front end into static/build/ (gitignored; `npm ci && npm run build`).
//
//   static/build/app.css                 frontend/scss/app.scss, compressed (GOV.UK + MOJ Frontend)
//   static/build/app.js                  frontend/js/app.js (ES module: initialises both libraries)
//   static/build/govuk-frontend.min.js   GOV.UK Frontend ES module bundle (+ .map)
//   static/build/moj-frontend.min.js     MOJ Frontend ES module bundle (+ .map)
//   static/build/images/                 MOJ icons used by its CSS, and the service's favicon
//
// No GOV.UK fonts, crown, crest or GOV.UK icons are copied: a council is not GOV.UK.
// Usage: node frontend/build.mjs [--watch]

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import * as sass from 'sass'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const src = path.join(root, 'frontend')
const out = path.join(root, 'static', 'build')
const modules = path.join(root, 'node_modules')
const govuk = path.join(modules, 'govuk-frontend', 'dist', 'govuk')
const moj = path.join(modules, '@ministryofjustice', 'frontend', 'moj')

// MOJ's branding images are not ours to use; everything else in its images folder is an icon.
const SKIP_IMAGE = /(logotype|crest|crown|apple-touch-icon|opengraph)/

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true })
  fs.copyFileSync(from, to)
}

function buildCss() {
  const result = sass.compile(path.join(src, 'scss', 'app.scss'), {
    style: 'compressed',
    loadPaths: [root, modules],
    // GOV.UK Frontend 5 is written for @import and global functions; don't report its
    // deprecations, nor those of our own @import of it.
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin', 'color-functions', 'if-function'],
    sourceMap: false
  })
  if (/GDS Transport/.test(result.css) || /@font-face/.test(result.css)) {
    throw new Error('app.css still refers to the GDS Transport font; check frontend/scss/_settings.scss')
  }
  fs.writeFileSync(path.join(out, 'app.css'), result.css + '\n')
  return result.css
}

function copyJs() {
  for (const [dir, name] of [
    [govuk, 'govuk-frontend.min.js'],
    [moj, 'moj-frontend.min.js']
  ]) {
    copy(path.join(dir, name), path.join(out, name))
    // Django's ManifestStaticFilesStorage follows sourceMappingURL comments: keep the maps.
    copy(path.join(dir, `${name}.map`), path.join(out, `${name}.map`))
  }
  for (const name of fs.readdirSync(path.join(src, 'js'))) {
    if (name.endsWith('.js')) copy(path.join(src, 'js', name), path.join(out, name))
  }
}

function copyImages() {
  const mojImages = path.join(moj, 'assets', 'images')
  for (const name of fs.readdirSync(mojImages)) {
    if (!SKIP_IMAGE.test(name)) copy(path.join(mojImages, name), path.join(out, 'images', name))
  }
  const ours = path.join(src, 'images')
  for (const name of fs.readdirSync(ours)) {
    copy(path.join(ours, name), path.join(out, 'images', name))
  }
}

// collectstatic with ManifestStaticFilesStorage fails on a url() to a missing file: check now.
function checkUrls(css) {
  const missing = []
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
    const url = match[2]
    if (/^(data:|https?:|#|\/)/.test(url)) continue
    if (!fs.existsSync(path.join(out, url.split(/[?#]/)[0]))) missing.push(url)
  }
  if (missing.length) throw new Error(`app.css refers to missing files: ${[...new Set(missing)].join(', ')}`)
}

function build() {
  const started = Date.now()
  fs.rmSync(out, { recursive: true, force: true })
  fs.mkdirSync(out, { recursive: true })
  copyJs()
  copyImages()
  checkUrls(buildCss())
  console.log(`Built static/build/ in ${Date.now() - started} ms`)
}

build()

if (process.argv.includes('--watch')) {
  let timer = null
  console.log('Watching frontend/ for changes (Ctrl-C to stop)')
  fs.watch(src, { recursive: true }, () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      try {
        build()
      } catch (error) {
        console.error(error.message)
      }
    }, 100)
  })
}
