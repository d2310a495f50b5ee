// A long list of checkboxes (400 members of a partnership) is found by typing: the options whose
// label does not hold the words are hidden, those already chosen stay. Without JavaScript the
// search box stays hidden and the list scrolls in its box.
document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("input.varde-filter[data-filters]")) {
    const list = document.getElementById(input.dataset.filters);
    if (!list) continue;
    input.hidden = false;
    input.addEventListener("input", () => {
      const words = input.value.toLocaleLowerCase("nb").split(/\s+/).filter(Boolean);
      for (const option of list.querySelectorAll(".varde-checkbox")) {
        const label = option.textContent.toLocaleLowerCase("nb");
        const box = option.querySelector("input");
        option.hidden = !(box && box.checked) && !words.every((word) => label.includes(word));
      }
    });
  }
});
