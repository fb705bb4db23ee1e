package io.palisade.console.web;

import io.palisade.console.ConsoleServices;
import io.palisade.console.delay.ClockVerdict;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page shows in its header: the operator, the step-up time left, and any alarm. */
@ControllerAdvice
class CommonModel {
  private final ConsoleServices services;

  CommonModel(ConsoleServices services) {
    this.services = services;
  }

  @ModelAttribute
  void common(Model model) {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    boolean signedIn = auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
    model.addAttribute("signedIn", signedIn);
    if (!signedIn) {
      return;
    }
    model.addAttribute("me", auth.getName());
    var left = CurrentOperator.stepUpLeft(auth, services.settings().stepUpWindow(), services.clock());
    model.addAttribute("stepUpLeft", left.isZero() ? "" : Formats.duration(left));
    ClockVerdict verdict = services.guard().verdict();
    model.addAttribute("clockHeld", verdict.held() ? verdict.reason() : "");
    model.addAttribute("auditBroken", services.startupAudit().intact() ? ""
        : services.startupAudit().firstBreak().map(b -> b.reason()).orElse("broken"));
  }
}
