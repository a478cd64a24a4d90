package org.descent.driver.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The application's name: spark-submit's --name or spark.app.name when given, "descent COMMAND"
 * otherwise (spark-submit's own default, its jar's file name, included).
 */
class SparkOptionsTest {

    @AfterEach
    void clear() {
        System.clearProperty("spark.app.name");
    }

    static SparkOptions options(String... args) {
        SparkOptions options = new SparkOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void theCommandNamesTheApplicationByDefault() {
        assertEquals("descent train", options().sparkConf("train").get("spark.app.name"));
    }

    @Test
    void theNameSparkSubmitGaveIsKept() {
        // spark-submit passes --name to the driver as the system property spark.app.name.
        System.setProperty("spark.app.name", "nightly retrain");
        assertEquals("nightly retrain", options().sparkConf("train").get("spark.app.name"));
    }

    @Test
    void theJarNameSparkSubmitGivesWithoutNameIsReplaced() {
        System.setProperty("spark.app.name", SparkOptions.ownJarName());
        assertEquals("descent evaluate", options().sparkConf("evaluate").get("spark.app.name"));
    }

    @Test
    void aConfSettingNamesTheApplication() {
        System.setProperty("spark.app.name", "from submit");
        assertEquals("mine", options("--conf", "spark.app.name=mine").sparkConf("predict").get("spark.app.name"));
    }
}
