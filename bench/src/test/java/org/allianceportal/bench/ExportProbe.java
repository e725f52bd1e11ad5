package org.allianceportal.bench;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.DriverManager;
import org.allianceportal.core.log.LogExport;

/**
 * Run by {@link TransparencyLogBench} in a JVM of its own with a small heap: streams one alliance's
 * export into a counting stream and prints "lines bytes milliseconds peak-old-generation-bytes".
 * Arguments: JDBC URL, user, password, alliance id, tree size.
 */
public final class ExportProbe {

    public static void main(String[] args) throws Exception {
        long[] counts = new long[2];
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                counts[1]++;
                if (b == '\n') {
                    counts[0]++;
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    write(b[i]);
                }
            }
        };
        long start = System.nanoTime();
        new LogExport(() -> DriverManager.getConnection(args[0], args[1], args[2]), Long.parseLong(args[3]),
                Long.parseLong(args[4]), "bench checkpoint\n").writeTo(counting);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // what survived collections at most: the old generation's peak (young garbage is not memory kept)
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old")) {
                peak = Math.max(peak, pool.getPeakUsage().getUsed());
            }
        }
        System.out.println(counts[0] + " " + counts[1] + " " + millis + " " + peak);
    }
}
