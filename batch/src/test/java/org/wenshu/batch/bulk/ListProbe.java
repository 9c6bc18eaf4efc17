package org.wenshu.batch.bulk;

import java.nio.file.Path;
import java.util.Optional;

/** Reads one list in a JVM of its own (the test gives it a small heap) and prints the outcome. */
public final class ListProbe {

    private ListProbe() {
    }

    public static void main(String[] args) {
        try {
            RecipientTable table = new RecipientLists(10_000, 200L * 1024 * 1024).read(Path.of(args[0]), Optional.empty());
            System.out.println("READ " + table.rows().size());
        } catch (ListRefused refused) {
            System.out.println("REFUSED " + refused.getMessage());
        }
    }
}
