// On a phone the main menu starts folded under "Meny"; on a wider screen it stays open. A group
// of the menu closes when another opens, or when the focus or a click goes elsewhere.
document.addEventListener("DOMContentLoaded", () => {
  const menu = document.querySelector("details.varde-menu");
  if (menu && window.matchMedia("(max-width: 767px)").matches) menu.open = false;
  const groups = [...document.querySelectorAll("details.varde-nav__group")];
  for (const group of groups) {
    group.addEventListener("toggle", () => {
      if (group.open) for (const other of groups) if (other !== group) other.open = false;
    });
  }
  document.addEventListener("click", (event) => {
    for (const group of groups) if (!group.contains(event.target)) group.open = false;
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const group of groups) {
      if (group.open) {
        group.open = false;
        group.querySelector("summary").focus();
      }
    }
  });
});
