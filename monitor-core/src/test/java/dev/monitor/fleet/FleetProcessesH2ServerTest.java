package dev.monitor.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.tools.Server;

/** The fleet of three JVMs on H2 in server mode, on loopback. */
class FleetProcessesH2ServerTest extends FleetProcessesContract {

    private Server server;

    @Override
    Database startDatabase() throws Exception {
        Path baseDirectory = Files.createTempDirectory("fleet-h2");
        // port 0: a free port; without -tcpAllowOthers the server takes loopback connections only
        server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", baseDirectory.toString()).start();
        return new Database("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:fleet;DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Override
    void stopDatabase() {
        if (server != null) {
            server.stop();
        }
    }
}
