package dev.vetter.callbacks.internal;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vetter.platform.net.OutboundHttp;
import dev.vetter.tenancy.TenantDirectory;

@Configuration(proxyBeanMethods = false)
class CallbacksConfiguration {

	@Bean
	CallbackSender callbackSender(OutboundHttp http, CallbacksProperties properties) {
		return new CallbackSender(http, properties.http());
	}

	@Bean(destroyMethod = "close")
	DeliveryWorker deliveryWorker(Deliveries deliveries, Notifications notifications, TenantDirectory tenants,
			CallbackSender sender, CallbackMetrics metrics, TransactionTemplate tx, Clock clock,
			CallbacksProperties properties) {
		return new DeliveryWorker(deliveries, notifications, tenants, sender, metrics, tx, clock, properties);
	}

}
