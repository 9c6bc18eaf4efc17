package org.wenshu.archive;

import java.nio.file.Path;
import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;
import org.wenshu.archive.storage.EmbeddedS3;
import org.wenshu.archive.storage.S3Credentials;
import org.wenshu.archive.storage.S3ObjectStore;

/**
 * The process the kill test kills: opens the archive like the application does (embedded S3 over
 * {@code home/objects}, the given database) and issues until it is killed, printing each committed record.
 */
public final class IssuingLoop {

    private IssuingLoop() {
    }

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        HikariDataSource dataSource = ArchiveDatabase.pool(args[1], args[2], args.length > 3 ? args[3] : "");
        EmbeddedS3 s3 = EmbeddedS3.start(home.resolve("objects"), S3Credentials.generatedIn(home.resolve("s3-credentials.properties")));
        Archive archive = Archive.open(dataSource, new S3ObjectStore(s3.settings("wenshu-archive")), ArchiveLimits.defaults(),
                Clock.system(ArchiveFixture.ZONE));
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; ; i++) {
            InstrumentRecord record = archive.issue(ArchiveFixture.suggestion("关于第" + i + "件事项的检察建议", "市公安局"),
                    TestPdfs.producer());
            System.out.println("ISSUED " + record.id() + " " + record.number().serial());
            System.out.flush();
        }
    }
}
