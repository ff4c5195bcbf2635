package dev.vetter.policy.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;

import org.springframework.http.MediaType;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.NotFound;
import dev.vetter.policy.ImageEntry;
import dev.vetter.policy.ImageLibraries;
import dev.vetter.policy.BizTypePolicy;
import dev.vetter.policy.Library;
import dev.vetter.policy.LibraryAction;
import dev.vetter.policy.LibraryKind;
import dev.vetter.policy.PolicyAdministration;
import dev.vetter.tenancy.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Custom libraries and bizType policies of the calling tenant (access key or tenant
 * admin).
 */
@RestController
@Tag(name = "Policy")
class PolicyController {

	/**
	 * @param maxDistance IMAGE libraries: largest PDQ Hamming distance that matches,
	 * 0..255 (default 31)
	 */
	record NewLibrary(String name, LibraryKind kind, LibraryAction action, Integer maxDistance) {
	}

	/**
	 * @param entries TEXT: the terms; IMAGE (removal only): PDQ hashes, 64 hex digits
	 * @param urls IMAGE: http(s) URLs of images to fetch, hash and add
	 * @param ids IMAGE (removal only): entry ids
	 */
	record Entries(List<String> entries, List<String> urls, List<Long> ids) {
	}

	/**
	 * @param images IMAGE libraries: the images taken, in request order ({@code added}
	 * false: the library held that hash already)
	 * @param errors IMAGE libraries: the images that could not be taken; the others are
	 * added all the same
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record EntriesChanged(long libraryId, int added, int removed, long entries, List<AddedImage> images,
			List<ImageLibraries.Failure> errors) {

		EntriesChanged(long libraryId, int added, int removed, long entries) {
			this(libraryId, added, removed, entries, null, null);
		}
	}

	/** An image entry as an add request answers it. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AddedImage(long id, String hash, int quality, String url, String filename, boolean added) {

		static AddedImage of(ImageLibraries.Added a) {
			ImageEntry e = ImageEntry.of(a.entryId(), a.image().hash().toHex(), a.image().hash().quality(),
					a.image().source(), null);
			return new AddedImage(e.id(), e.hash(), e.quality(), e.url(), e.filename(), a.added());
		}
	}

	private final PolicyAdministration admin;

	private final ImageLibraries images;

	PolicyController(PolicyAdministration admin, ImageLibraries images) {
		this.admin = admin;
		this.images = images;
	}

	@PostMapping("/v1/libraries")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a custom library")
	Library create(Caller caller, @RequestBody NewLibrary body) {
		return admin.createLibrary(tenant(caller), body.name(), body.kind(), body.action(), body.maxDistance());
	}

	@GetMapping("/v1/libraries")
	@Operation(summary = "List the tenant's libraries")
	List<Library> list(Caller caller) {
		return admin.libraries(tenant(caller));
	}

	@GetMapping("/v1/libraries/{id}")
	@Operation(summary = "One library")
	Library get(Caller caller, @PathVariable long id) {
		return admin.library(tenant(caller), id);
	}

	@DeleteMapping("/v1/libraries/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a library and its entries")
	void delete(Caller caller, @PathVariable long id) {
		admin.deleteLibrary(tenant(caller), id);
	}

	@GetMapping("/v1/libraries/{id}/entries")
	@Operation(summary = "Page through a library's entries",
			description = "TEXT libraries: the terms (strings). IMAGE libraries: {id, hash, quality, url|filename, createdAt} objects.")
	List<?> entries(Caller caller, @PathVariable long id, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "100") int limit) {
		long tenant = tenant(caller);
		if (admin.library(tenant, id).kind() == LibraryKind.IMAGE) {
			return admin.imageEntries(tenant, id, offset, limit);
		}
		return admin.entries(tenant, id, offset, limit);
	}

	@PostMapping("/v1/libraries/{id}/entries")
	@Operation(summary = "Add entries; effective for the next scan",
			description = "TEXT libraries: {\"entries\":[terms]}. IMAGE libraries: {\"urls\":[http(s) URLs]}, each fetched safely, "
					+ "decoded and PDQ-hashed; a URL that fails is listed in errors and the others are added.")
	EntriesChanged addEntries(Caller caller, @PathVariable long id, @RequestBody Entries body) {
		long tenant = tenant(caller);
		Library library = admin.library(tenant, id);
		if (library.kind() == LibraryKind.IMAGE) {
			if (body.entries() != null) {
				throw new InvalidInput("entries: an IMAGE library takes \"urls\" (or a multipart upload), not terms");
			}
			return changed(tenant, id, images.addUrls(tenant, id, body.urls()));
		}
		if (body.urls() != null) {
			throw new InvalidInput("urls: only IMAGE libraries take images; library " + id + " is a TEXT library");
		}
		int added = admin.addEntries(tenant, id, body.entries());
		return new EntriesChanged(id, added, 0, admin.library(tenant, id).entries());
	}

	@PostMapping(path = "/v1/libraries/{id}/entries", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Add uploaded images to an IMAGE library (multipart/form-data, one or many file parts)")
	EntriesChanged uploadEntries(Caller caller, @PathVariable long id, MultipartHttpServletRequest request) {
		long tenant = tenant(caller);
		List<MultipartFile> files = new ArrayList<>();
		request.getMultiFileMap().values().forEach(files::addAll);
		return changed(tenant, id, images.addUploads(tenant, id, files));
	}

	private EntriesChanged changed(long tenant, long id, ImageLibraries.Outcome outcome) {
		List<AddedImage> added = outcome.entries().stream().map(AddedImage::of).toList();
		return new EntriesChanged(id, (int) added.stream().filter(AddedImage::added).count(), 0,
				admin.library(tenant, id).entries(), added, outcome.errors());
	}

	@PostMapping("/v1/libraries/{id}/entries/delete")
	@Operation(summary = "Remove entries",
			description = "TEXT libraries: {\"entries\":[terms]}. IMAGE libraries: {\"ids\":[entry ids]} and/or {\"entries\":[hashes]}.")
	EntriesChanged removeEntries(Caller caller, @PathVariable long id, @RequestBody Entries body) {
		long tenant = tenant(caller);
		Library library = admin.library(tenant, id);
		int removed;
		if (library.kind() == LibraryKind.IMAGE) {
			removed = admin.removeImages(tenant, id, body.ids(), body.entries());
		}
		else {
			if (body.ids() != null) {
				throw new InvalidInput("ids: only IMAGE library entries are removed by id; send the terms as entries");
			}
			removed = admin.removeEntries(tenant, id, body.entries());
		}
		return new EntriesChanged(id, 0, removed, admin.library(tenant, id).entries());
	}

	@PutMapping("/v1/biz-types/{name}")
	@Operation(summary = "Create or replace a bizType policy",
			description = "Every field is optional; unknown fields are refused (400 validation-failed naming the field). "
					+ "image: how image findings are judged, for images, GIF frames and video frames: pornReview, pornBlock "
					+ "(porn + hentai score), sexyReview, sexyBlock (sexy score), each 0..1 with a block threshold not "
					+ "under its review threshold, and qrcode (review|block: what a QR code gives). An absent value takes "
					+ "the service-wide default (vetter.moderation.image.*: review from 0.8 / 0.9, no block, QR code "
					+ "review); without a block threshold the NSFW classifier alone never blocks.")
	BizTypePolicy putBizType(Caller caller, @PathVariable String name,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @io.swagger.v3.oas.annotations.media.Content(
							schema = @io.swagger.v3.oas.annotations.media.Schema(
									implementation = BizTypePolicy.class))) @RequestBody String policy) {
		return admin.putBizType(tenant(caller), name, policy);
	}

	@GetMapping("/v1/biz-types/{name}")
	@Operation(summary = "One bizType policy")
	BizTypePolicy bizType(Caller caller, @PathVariable String name) {
		return admin.bizType(tenant(caller), name).orElseThrow(() -> new NotFound("bizType " + name));
	}

	@GetMapping("/v1/biz-types")
	@Operation(summary = "All bizType policies")
	Map<String, BizTypePolicy> bizTypes(Caller caller) {
		return admin.bizTypes(tenant(caller));
	}

	@DeleteMapping("/v1/biz-types/{name}")
	@Operation(summary = "Delete a bizType policy (scans naming it fall back to the default)")
	@ApiResponse(responseCode = "204", description = "deleted", content = @Content)
	ResponseEntity<Void> deleteBizType(Caller caller, @PathVariable String name) {
		admin.deleteBizType(tenant(caller), name);
		return ResponseEntity.noContent().build();
	}

	private static long tenant(Caller caller) {
		return caller.tenant();
	}

}
