// The page of `analyzer serve`: send the form without leaving the page, read dropped files.
// Without this script the form still works (a plain POST that answers the whole page).
(function () {
  "use strict";
  const form = document.getElementById("analyze-form");
  const text = document.getElementById("text");
  const format = document.getElementById("format");
  const status = document.getElementById("status");
  const button = document.getElementById("analyze");
  const result = document.getElementById("result");
  // the page's words, in its language (data-* attributes of the form, set by the server)
  const say = function (key, fallback, values) {
    let words = form.dataset[key] || fallback;
    for (const name in values || {}) words = words.replace("{" + name + "}", values[name]);
    return words;
  };

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    button.disabled = true;
    status.textContent = say("analysing", "Analysing…");
    result.setAttribute("aria-busy", "true");
    try {
      const response = await fetch("/", {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: "text/html" },
      });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById("result");
      if (fresh) {
        result.innerHTML = fresh.innerHTML;
      } else {
        result.innerHTML = "<p class='error'></p>";
        result.firstChild.textContent = say("empty", "No result.");
      }
      status.textContent = response.ok
        ? say("done", "Done.")
        : say("failed", "Not analysed ({status}).", { status: response.status });
      const first = result.querySelector(".report, .error");
      if (first) first.scrollIntoView({ behavior: "smooth", block: "start" });
    } catch (error) {
      result.innerHTML = "";
      const p = document.createElement("p");
      p.className = "error";
      p.textContent = say("unreachable", "The server did not answer: {error}", { error: error });
      result.appendChild(p);
      status.textContent = "";
    } finally {
      button.disabled = false;
      result.removeAttribute("aria-busy");
    }
  });

  text.addEventListener("dragover", function (event) {
    event.preventDefault();
    text.classList.add("dragging");
  });
  text.addEventListener("dragleave", function () {
    text.classList.remove("dragging");
  });
  text.addEventListener("drop", function (event) {
    event.preventDefault();
    text.classList.remove("dragging");
    const file = event.dataTransfer.files[0];
    if (!file) return;
    const name = file.name.toLowerCase();
    if (/\.(md|markdown)$/.test(name)) format.value = "markdown";
    else if (/\.html?$/.test(name)) format.value = "html";
    else if (/\.txt$/.test(name)) format.value = "text";
    file.text().then(function (content) {
      text.value = content;
      status.textContent = say("loaded", "{name} loaded.", { name: file.name });
    });
  });
})();
