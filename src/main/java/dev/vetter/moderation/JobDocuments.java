package dev.vetter.moderation;

import java.util.Map;

/**
 * Writes a job lookup's answer in the document of the default wire format (Green API
 * 1.0's {@code data[i]} of {@code /green/{kind}/results}): what the native job resource
 * carries as {@code result} and reviewers see as {@code machine}. Implemented by the
 * Green adapter; moderation itself keeps {@link JobResult}s.
 */
public interface JobDocuments {

	Map<String, Object> document(JobAnswer answer);

}
