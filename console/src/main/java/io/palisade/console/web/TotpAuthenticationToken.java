package io.palisade.console.web;

import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A TOTP code presented by an operator who has signed in with their password (unauthenticated), or the accepted
 * second factor (authenticated, carrying {@link Factors#TOTP}). It declares {@code toBuilder} so Spring Security's MFA
 * support merges it with the password authentication of the same operator.
 */
final class TotpAuthenticationToken extends AbstractAuthenticationToken {
  private static final long serialVersionUID = 1L;

  private final String username;
  private transient String code;

  private TotpAuthenticationToken(String username, String code, Collection<? extends GrantedAuthority> authorities,
      boolean authenticated) {
    super(authorities);
    this.username = username;
    this.code = code;
    super.setAuthenticated(authenticated);
  }

  private TotpAuthenticationToken(Builder<?> b) {
    super(b);
    this.username = b.username;
    this.code = null;
  }

  static TotpAuthenticationToken unauthenticated(String username, String code) {
    return new TotpAuthenticationToken(username, code, List.of(), false);
  }

  static TotpAuthenticationToken authenticated(String username, Collection<? extends GrantedAuthority> authorities) {
    return new TotpAuthenticationToken(username, null, authorities, true);
  }

  @Override
  public Object getCredentials() {
    return code;
  }

  @Override
  public Object getPrincipal() {
    return username;
  }

  @Override
  public String getName() {
    return username;
  }

  @Override
  public void eraseCredentials() {
    code = null;
    super.eraseCredentials();
  }

  @Override
  public Builder<?> toBuilder() {
    return new Builder<>(this);
  }

  /** Spring Security's authentication builder for this token (used to merge factors). */
  static final class Builder<B extends Builder<B>> extends AbstractAuthenticationBuilder<B> {
    private String username;

    private Builder(TotpAuthenticationToken token) {
      super(token);
      this.username = token.username;
    }

    @Override
    @SuppressWarnings("unchecked")
    public B principal(Object principal) {
      this.username = String.valueOf(principal);
      return (B) this;
    }

    @Override
    public TotpAuthenticationToken build() {
      return new TotpAuthenticationToken(this);
    }
  }
}
