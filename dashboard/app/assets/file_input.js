// Dash has no file input; a form that uploads a file marks the place with
// data-file-input="NAME" and the input is added here, to be sent with the form.
new MutationObserver(() => {
  for (const slot of document.querySelectorAll("[data-file-input]:not(.has-input)")) {
    const input = document.createElement("input");
    input.type = "file";
    input.name = slot.dataset.fileInput;
    input.id = slot.dataset.inputId;
    input.required = true;
    slot.appendChild(input);
    slot.classList.add("has-input");
  }
}).observe(document.documentElement, { childList: true, subtree: true });
