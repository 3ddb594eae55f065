(function () {
  "use strict";
  var live = document.getElementById("live");
  var back = document.getElementById("back-link");
  var triggers = 0;

  function offerBack(trigger) {
    // After a jump to the evidence, a link brings the reader back to what they selected.
    if (!back) { return; }
    if (!trigger.id) { triggers += 1; trigger.id = "trigger-" + triggers; }
    back.setAttribute("href", "#" + trigger.id);
    back.hidden = false;
  }

  function keysOf(trigger) {
    return (trigger.getAttribute("data-evidence") || "").split(" ").filter(Boolean);
  }

  function clear() {
    document.querySelectorAll(".hl-active").forEach(function (el) { el.classList.remove("hl-active"); });
    document.querySelectorAll(".is-active").forEach(function (el) {
      el.classList.remove("is-active");
      el.removeAttribute("aria-current");
    });
  }

  function scrollInside(mark) {
    var box = mark.closest(".text");
    if (!box) { return; }
    var top = 0;
    for (var el = mark; el && el !== box; el = el.offsetParent) { top += el.offsetTop; }
    box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }

  function activate(trigger) {
    clear();
    var keys = keysOf(trigger);
    var scope = trigger.closest("[data-scope]") || document;
    var marks = Array.prototype.filter.call(scope.querySelectorAll("mark[data-ev]"), function (m) {
      return keys.indexOf(m.getAttribute("data-ev")) >= 0;
    });
    trigger.classList.add("is-active");
    trigger.setAttribute("aria-current", "true");
    offerBack(trigger);
    var boxes = [];
    marks.forEach(function (m) {
      m.classList.add("hl-active");
      var box = m.closest(".text");
      if (box && boxes.indexOf(box) < 0) { boxes.push(box); scrollInside(m); }
    });
    if (marks.length) {
      var first = marks[0].closest(".source") || marks[0];
      var rect = first.getBoundingClientRect();
      if (rect.top < 0 || rect.top > window.innerHeight * 0.6) {
        first.scrollIntoView({ block: "start" });
      }
    }
    if (live) {
      live.textContent = marks.length
        ? (live.getAttribute("data-found") || "{p} / {a}").replace("{p}", marks.length).replace("{a}", boxes.length)
        : live.getAttribute("data-none") || "";
    }
  }

  if (back) {
    back.addEventListener("click", function (event) {
      var target = document.getElementById((back.getAttribute("href") || "").slice(1));
      if (!target) { return; }
      event.preventDefault();
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
      back.hidden = true;
    });
  }
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest && event.target.closest("[data-evidence]");
    if (trigger && !event.target.closest("a, summary")) { activate(trigger); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { clear(); return; }
    if (event.key !== "Enter" && event.key !== " ") { return; }
    var target = event.target;
    if (target && target.hasAttribute && target.hasAttribute("data-evidence")) {
      event.preventDefault();
      activate(target);
    }
  });
})();
