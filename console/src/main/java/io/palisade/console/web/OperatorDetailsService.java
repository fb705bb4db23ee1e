package io.palisade.console.web;

import io.palisade.console.account.OperatorStore;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Spring Security's view of the active operators: name, Argon2id hash, and the one role. */
@Component
class OperatorDetailsService implements UserDetailsService {
  static final String ROLE = "ROLE_OPERATOR";

  private final OperatorStore operators;

  OperatorDetailsService(OperatorStore operators) {
    this.operators = operators;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    String hash = operators.passwordHash(username)
        .orElseThrow(() -> new UsernameNotFoundException("no such operator"));
    return User.withUsername(username).password(hash).authorities(ROLE).build();
  }
}
