package dev.eventagent.testing.clickhouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code config.xml} and {@code users.xml} of a testing server: loopback only, the given
 * ports, everything (data, temporary files, user files, logs) inside one directory, UTC. The
 * {@code <yandex>} root element is what 18.16 reads; current servers still accept it.
 *
 * @param directory the server's own directory
 * @param httpPort the HTTP port
 * @param tcpPort the native-protocol port
 * @param passwordUser a second user that needs a password
 * @param password that user's password (plain text: a throw-away test server)
 */
record ClickHouseServerConfig(Path directory, int httpPort, int tcpPort, String passwordUser, String password) {

    /**
     * Writes both files and creates the data directories.
     *
     * @return the path of config.xml
     * @throws IOException when a file cannot be written
     */
    Path write() throws IOException {
        Path data = directory.resolve("data");
        for (String sub : new String[] {"tmp", "user_files", "format_schemas"}) {
            Files.createDirectories(data.resolve(sub));
        }
        Path users = directory.resolve("users.xml");
        Files.writeString(users, usersXml(), StandardCharsets.UTF_8);
        Path config = directory.resolve("config.xml");
        Files.writeString(config, configXml(data, users), StandardCharsets.UTF_8);
        return config;
    }

    private String configXml(Path data, Path users) {
        return """
                <?xml version="1.0"?>
                <yandex>
                  <logger>
                    <level>information</level>
                    <log>%1$s/server.log</log>
                    <errorlog>%1$s/server.err.log</errorlog>
                    <size>10M</size>
                    <count>1</count>
                  </logger>
                  <listen_host>127.0.0.1</listen_host>
                  <http_port>%2$d</http_port>
                  <tcp_port>%3$d</tcp_port>
                  <path>%4$s/</path>
                  <tmp_path>%4$s/tmp/</tmp_path>
                  <user_files_path>%4$s/user_files/</user_files_path>
                  <format_schema_path>%4$s/format_schemas/</format_schema_path>
                  <users_config>%5$s</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <timezone>UTC</timezone>
                  <max_concurrent_queries>100</max_concurrent_queries>
                  <mark_cache_size>67108864</mark_cache_size>
                  <uncompressed_cache_size>67108864</uncompressed_cache_size>
                  <mlock_executable>false</mlock_executable>
                </yandex>
                """.formatted(directory, httpPort, tcpPort, data, users);
    }

    private String usersXml() {
        return """
                <?xml version="1.0"?>
                <yandex>
                  <profiles>
                    <default>
                      <max_memory_usage>2000000000</max_memory_usage>
                    </default>
                  </profiles>
                  <users>
                    <default>
                      <password></password>
                      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                      <profile>default</profile>
                      <quota>default</quota>
                    </default>
                    <%1$s>
                      <password>%2$s</password>
                      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                      <profile>default</profile>
                      <quota>default</quota>
                    </%1$s>
                  </users>
                  <quotas>
                    <default>
                      <interval>
                        <duration>3600</duration>
                        <queries>0</queries>
                        <errors>0</errors>
                        <result_rows>0</result_rows>
                        <read_rows>0</read_rows>
                        <execution_time>0</execution_time>
                      </interval>
                    </default>
                  </quotas>
                </yandex>
                """.formatted(passwordUser, password);
    }
}
