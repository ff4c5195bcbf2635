package dev.vetter.moderation;

import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.VetterException;

/** The task's result is past its retention period (Green code 594). */
public class TaskExpired extends VetterException {

	public TaskExpired(String taskId) {
		super(ProblemCode.EXPIRED, "EXPIRED: the result of task " + taskId + " is no longer kept");
	}

}
