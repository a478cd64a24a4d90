package org.descent.driver;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The versions a model file records: Descent's own, Spark's, Scala's and Java's. */
public final class Versions {

    private Versions() {
    }

    public static String descent() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/descent-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    public static Map<String, Object> all(String sparkVersion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("descent", descent());
        m.put("spark", sparkVersion);
        m.put("scala", scala.util.Properties.versionNumberString());
        m.put("java", System.getProperty("java.version"));
        return m;
    }
}
