package dev.vetter.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

import dev.vetter.platform.AccessDenied;
import dev.vetter.platform.NotFound;
import dev.vetter.review.internal.ReviewReports;
import dev.vetter.tenancy.Caller;
import dev.vetter.tenancy.ReviewScope;
import dev.vetter.tenancy.Role;
import dev.vetter.tenancy.TenantDirectory;

/**
 * Read-only views of the queue for the console: the operators' dashboard and the leads'
 * escalation queue. Changes go through {@link ReviewWorkflow}.
 */
@Service
public class ReviewInsights {

	private final ReviewReports reports;

	private final TenantDirectory directory;

	private final Clock clock;

	ReviewInsights(ReviewReports reports, TenantDirectory directory, Clock clock) {
		this.reports = reports;
		this.directory = directory;
		this.clock = clock;
	}

	/**
	 * Pending items by tenant and kind, the oldest arrival, items whose deadline falls
	 * within {@code riskWindow}, turnaround percentiles and decisions per reviewer per
	 * hour over the last day (operators only).
	 */
	public QueueDashboard dashboard(Caller caller, Duration riskWindow) {
		if (!caller.has(Role.OPERATOR)) {
			throw new AccessDenied("the queue dashboard is for operators");
		}
		Instant now = clock.instant();
		Instant dayAgo = now.minus(Duration.ofDays(1));
		ReviewReports.Turnaround turnaround = reports.turnaround(dayAgo);
		return new QueueDashboard(reports.queues(now, now.plus(riskWindow)), turnaround.p50(), turnaround.p95(),
				turnaround.decided(), reports.reviewerHours(dayAgo));
	}

	/** Escalated items in the lead's review scope, earliest deadline first. */
	public List<EscalatedItem> escalated(Caller lead, int limit) {
		ReviewScope scope = scopeOfLead(lead);
		return reports.escalated(scope.allTenants(), scope.tenantIds().toArray(Long[]::new), Math.min(limit, 200));
	}

	/**
	 * The decisions recorded on an item so far (for a lead settling a disagreement);
	 * another tenant's item answers as a missing one.
	 */
	public List<EarlierDecision> decisions(Caller lead, long itemId) {
		ReviewScope scope = scopeOfLead(lead);
		long tenant = reports.tenantOf(itemId).orElseThrow(() -> new NotFound("review item " + itemId));
		if (!scope.includes(tenant)) {
			throw new NotFound("review item " + itemId);
		}
		return reports.decisions(itemId);
	}

	private ReviewScope scopeOfLead(Caller caller) {
		if (caller.userId() == null || !caller.has(Role.LEAD)) {
			throw new AccessDenied("the escalation queue is for leads");
		}
		return directory.reviewScope(caller.userId());
	}

}
