package io.palisade.console.web;

import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import java.util.List;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/**
 * Spring's JDBC passkey store, with every new passkey recorded in the audit log before it is saved (a registration
 * whose record cannot be written fails). Deletion is refused here: removing a passkey is a delayed action.
 */
final class AuditedUserCredentialRepository implements UserCredentialRepository {
  private final UserCredentialRepository delegate;
  private final PublicKeyCredentialUserEntityRepository users;
  private final AuditLog audit;

  AuditedUserCredentialRepository(UserCredentialRepository delegate, PublicKeyCredentialUserEntityRepository users,
      AuditLog audit) {
    this.delegate = delegate;
    this.users = users;
    this.audit = audit;
  }

  @Override
  public void delete(Bytes credentialId) {
    throw new UnsupportedOperationException("removing a passkey is a delayed action; use the Security page");
  }

  @Override
  public void save(CredentialRecord record) {
    if (delegate.findByCredentialId(record.getCredentialId()) == null) {
      var user = users.findById(record.getUserEntityUserId());
      String name = user == null ? "unknown" : user.getName();
      audit.append(AuditRecord.of(name, "factor.passkey-added", name, "passkey \"" + record.getLabel()
          + "\" registered (credential " + record.getCredentialId().toBase64UrlString() + ")"));
    }
    delegate.save(record);
  }

  @Override
  public CredentialRecord findByCredentialId(Bytes credentialId) {
    return delegate.findByCredentialId(credentialId);
  }

  @Override
  public List<CredentialRecord> findByUserId(Bytes userId) {
    return delegate.findByUserId(userId);
  }
}
