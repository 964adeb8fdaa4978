package io.playstream.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The few S3 API calls the launcher needs (list buckets as a readiness probe, create a bucket,
 * check one exists), signed with AWS signature version 2, which the local s3proxy accepts ({@code
 * s3proxy.authorization=aws-v2-or-v4}). Path-style URLs only. Not an S3 client: Iceberg's own
 * S3FileIO does the real work.
 */
final class S3Requests {
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI endpoint;
  private final String accessKey;
  private final String secretKey;
  private final HttpClient http;

  S3Requests(URI endpoint, String accessKey, String secretKey) {
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** GET / (ListBuckets): the HTTP status (200 when the server is up and the keys are right). */
  int listBuckets() throws IOException, InterruptedException {
    return send("GET", "/");
  }

  /** HEAD /bucket: 200 when it exists, 404 when not. */
  int headBucket(String bucket) throws IOException, InterruptedException {
    return send("HEAD", "/" + bucket);
  }

  /**
   * PUT /bucket, unless it exists.
   *
   * @return true when this call created it
   * @throws IllegalStateException when the server refuses
   */
  boolean createBucketIfMissing(String bucket) throws IOException, InterruptedException {
    int head = headBucket(bucket);
    if (head == 200) {
      return false;
    }
    int status = send("PUT", "/" + bucket);
    // 409 BucketAlreadyOwnedByYou: someone created it in between; fine
    if (status == 200 || status == 409) {
      return status == 200;
    }
    throw new IllegalStateException(
        "the S3 server at " + endpoint + " answered " + status + " to creating bucket " + bucket);
  }

  private int send(String method, String path) throws IOException, InterruptedException {
    String date = RFC_1123.format(ZonedDateTime.now(ZoneOffset.UTC));
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve(path))
            .timeout(TIMEOUT)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("x-amz-date", date)
            .header(
                "Authorization", "AWS " + accessKey + ":" + sign(stringToSign(method, date, path)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /**
   * Signature V2 string to sign: VERB, Content-MD5, Content-Type, Date, the canonical amz headers
   * and the resource; the date is carried by {@code x-amz-date}, so the Date line stays empty.
   */
  static String stringToSign(String method, String date, String resource) {
    return method + "\n\n\n\nx-amz-date:" + date + "\n" + resource;
  }

  /** Signature V2: base64(HMAC-SHA1(secret key, string to sign)). */
  String sign(String toSign) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }
}
