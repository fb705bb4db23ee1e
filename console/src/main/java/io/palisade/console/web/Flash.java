package io.palisade.console.web;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One-line messages carried across a redirect to the next page. */
final class Flash {
  private Flash() {}

  static String ok(RedirectAttributes r, String message, String to) {
    r.addFlashAttribute("flashOk", message);
    return "redirect:" + to;
  }

  static String error(RedirectAttributes r, String message, String to) {
    r.addFlashAttribute("flashError", message);
    return "redirect:" + to;
  }
}
