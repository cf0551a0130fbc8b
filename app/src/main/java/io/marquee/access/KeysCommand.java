package io.marquee.access;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code marquee keys}: API keys ({@code create}, {@code list}, {@code revoke}) and the vault's
 * master key ({@code init-master}, {@code rotate-master}).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "API keys and the vault's master key.",
    subcommands = {InitMasterCommand.class, CreateKeyCommand.class, ListKeysCommand.class,
        RevokeKeyCommand.class, RotateMasterCommand.class})
public final class KeysCommand implements Runnable {
  /** The actor name of key changes made from the command line. */
  static final String CLI_ACTOR = "cli";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "Missing required subcommand: init-master, create, list, revoke or rotate-master");
  }
}
