package io.palisade.console.web;

import io.palisade.console.ConsoleServices;
import io.palisade.console.account.Passkeys;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in pages: password first, then a second factor (also the step-up page). */
@Controller
class LoginController {
  private final ConsoleServices services;

  LoginController(ConsoleServices services) {
    this.services = services;
  }

  @GetMapping("/login")
  String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
      @RequestParam(required = false) String enrolled, @RequestParam(required = false) String removed,
      @RequestParam(required = false) String expired, HttpSession session, Model model) {
    if (error != null) {
      model.addAttribute("error", lastError(session, "Sign-in failed."));
    } else if (logout != null) {
      model.addAttribute("info", "Signed out.");
    } else if (enrolled != null) {
      model.addAttribute("info", "Enrolled. Sign in with your password, then a code from your authenticator app.");
    } else if (removed != null) {
      model.addAttribute("error", "That operator was removed.");
    } else if (expired != null) {
      model.addAttribute("error", "The session reached its maximum lifetime. Sign in again.");
    }
    return "login";
  }

  @GetMapping(SecurityConfiguration.SECOND_FACTOR_PAGE)
  String secondFactor(@RequestParam(required = false) String error, Authentication auth, HttpSession session,
      Model model) {
    String me = auth.getName();
    model.addAttribute("username", me);
    model.addAttribute("hasTotp", services.operators().find(me).map(o -> o.hasTotp()).orElse(false));
    model.addAttribute("hasPasskeys", services.db().transaction(c -> Passkeys.count(c, me)) > 0);
    boolean stepUp = CurrentOperator.secondFactorAt(auth).isPresent();
    model.addAttribute("stepUp", stepUp);
    if (error != null) {
      model.addAttribute("error", lastError(session, "That did not work."));
    }
    return "second-factor";
  }

  private static String lastError(HttpSession session, String fallback) {
    Object e = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    if (session != null) {
      session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }
    return e instanceof AuthenticationException ae && ae.getMessage() != null ? ae.getMessage() : fallback;
  }
}
