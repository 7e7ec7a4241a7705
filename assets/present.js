// Presentation mode on the map: the arrow keys (and a clicker's page keys) step through the
// views the page lists in #present-sequence; Escape leaves presentation mode.
document.addEventListener("keydown", function (event) {
  const holder = document.getElementById("present-sequence");
  if (!holder) {
    return;
  }
  if (event.key === "Escape") {
    const params = new URLSearchParams(window.location.search);
    params.delete("present");
    const query = params.toString();
    window.location.assign(window.location.pathname + (query ? "?" + query : ""));
    return;
  }
  const forward = ["ArrowRight", "ArrowDown", "PageDown", " "].includes(event.key);
  const back = ["ArrowLeft", "ArrowUp", "PageUp"].includes(event.key);
  if (!forward && !back) {
    return;
  }
  event.preventDefault();
  const urls = JSON.parse(holder.textContent);
  const here = urls.indexOf(window.location.pathname + window.location.search);
  const next = here === -1 ? 0 : Math.min(urls.length - 1, Math.max(0, here + (forward ? 1 : -1)));
  if (next !== here) {
    window.location.assign(urls[next]);
  }
});
