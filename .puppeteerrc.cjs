// No browser downloads: tests drive the system's Chromium / Firefox ESR (see README).
module.exports = { skipDownload: true };
