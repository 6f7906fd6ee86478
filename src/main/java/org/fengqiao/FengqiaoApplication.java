package org.fengqiao;

import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class FengqiaoApplication {

    public static void main(String[] args) {
        List<String> words = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        if (!words.isEmpty() && words.get(0).equals("reset-password")) {
            System.exit(operatorCommand("reset-password", words.size() > 1 ? words.get(1) : "", args));
        }
        SpringApplication.run(FengqiaoApplication.class, args);
    }

    /**
     * An operator's command ({@code ./run reset-password <user name>}, README): the platform starts on its database
     * on a loopback port of its own (as always, an empty database gets the demo district first), the command's runner does its
     * work, and the process ends with its
     * exit code.
     */
    private static int operatorCommand(String command, String subject, String[] args) {
        SpringApplication application = new SpringApplication(FengqiaoApplication.class);
        // The platform's beans are web beans (sessions, the pages' filters), so its web server starts too, but on a
        // port of the loopback nobody is told of, and only for as long as the command runs.
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--fengqiao.operator.command=" + command, "--fengqiao.operator.username=" + subject,
                "--spring.main.banner-mode=off", "--server.port=0", "--server.address=127.0.0.1"));
        ConfigurableApplicationContext context = application.run(all.toArray(String[]::new));
        return SpringApplication.exit(context);
    }
}
