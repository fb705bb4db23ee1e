package io.palisade.console.web;

import io.palisade.console.ConsoleServices;
import io.palisade.gateway.PoolAction;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The browser terminal. Opening it is a POST (CSRF token and a recent second factor) that issues a one-time ticket;
 * the page then connects the WebSocket with it. Everything typed and printed is recorded in the audit log.
 */
@Controller
class ShellController {
  private final ConsoleServices services;

  ShellController(ConsoleServices services) {
    this.services = services;
  }

  @GetMapping("/nodes/{node}/shell")
  String page(@PathVariable String node, Model model, RedirectAttributes r) {
    if (!known(node)) {
      return Flash.error(r, "No node named " + node + ".", "/");
    }
    model.addAttribute("node", node);
    model.addAttribute("ticket", "");
    return "shell";
  }

  @PostMapping("/nodes/{node}/shell")
  String open(@PathVariable String node, Authentication auth, HttpSession session, Model model,
      RedirectAttributes r) {
    if (!known(node)) {
      return Flash.error(r, "No node named " + node + ".", "/");
    }
    model.addAttribute("node", node);
    model.addAttribute("ticket", services.tickets().issue(auth.getName(), session.getId(), node));
    return "shell";
  }

  private boolean known(String node) {
    if (!PoolAction.NODE_NAME.matcher(node).matches()) {
      return false;
    }
    try {
      return services.gateway().snapshot().node(node).isPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
