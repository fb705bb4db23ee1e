package io.palisade.cli;

import io.palisade.keys.KeysException;
import io.palisade.keys.PoolId;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a pool id option (56 hex digits or bech32 {@code pool1...}) while the command line is parsed, so a bad value
 * is refused with the option's name ("Invalid value for option '--pool-id': ...", exit 2) before the command runs.
 * Registered once for the whole command tree: every option of type {@link PoolId} goes through it.
 */
public final class PoolIdConverter implements ITypeConverter<PoolId> {
  @Override
  public PoolId convert(String value) {
    try {
      return PoolId.parse(value);
    } catch (KeysException | IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
