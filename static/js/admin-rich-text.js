// Admin only: give each rich-text editing area its field's label and help text, so screen
// readers announce it (WCAG 4.1.2). The editor replaces the labelled textarea with its own
// editable area, which the label's "for" no longer reaches.
(function () {
  function labelEditors() {
    document.querySelectorAll(".prose-editor").forEach(function (wrapper) {
      var textarea = wrapper.querySelector("textarea");
      var area = wrapper.querySelector('[contenteditable="true"]');
      if (!textarea || !area || area.hasAttribute("aria-labelledby")) return;
      var label = document.querySelector('label[for="' + textarea.id + '"]');
      if (label) {
        if (!label.id) label.id = textarea.id + "_label";
        area.setAttribute("aria-labelledby", label.id);
      }
      var help = textarea.getAttribute("aria-describedby");
      if (help) area.setAttribute("aria-describedby", help);
    });
  }
  new MutationObserver(labelEditors).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
  document.addEventListener("DOMContentLoaded", labelEditors);
})();
