package dev.vetter.tenancy;

/** Roles of users. Access-key callers act as their tenant and have no role. */
public enum Role {

	/** the service's own support team: tenants, users, enablement of manual review */
	OPERATOR,
	/** manages one tenant's settings, libraries and policies */
	TENANT_ADMIN,
	/** works the review queue */
	REVIEWER,
	/** a reviewer who may also decide escalated items */
	LEAD

}
