package org.earshot.server;

import org.earshot.server.cli.EarshotCommand;

/** Entry point of {@code earshot.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(EarshotCommand.run(args));
    }
}
