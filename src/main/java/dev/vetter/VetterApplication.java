package dev.vetter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class VetterApplication {

	public static void main(String[] args) {
		SpringApplication.run(VetterApplication.class, args);
	}

}
