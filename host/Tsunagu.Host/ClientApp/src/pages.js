// Small behaviours shared by the pages; everything works without them, they only save reloads.

// The inbox rows refresh themselves so new tasks appear without a reload; an open form pauses it.
const rows = document.getElementById('inbox-rows');
if (rows) {
  setInterval(async () => {
    if (rows.querySelector('details[open]') || rows.contains(document.activeElement)) return;
    const response = await fetch(rows.dataset.refresh, { credentials: 'same-origin' });
    if (response.ok) rows.innerHTML = await response.text();
  }, Number(rows.dataset.interval ?? 10000));
}
