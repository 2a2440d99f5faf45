package io.geoetl.http.auth;


import java.util.Optional;
import org.apache.camel.Message;

/** Checks the credentials of a request (API key or bearer token). */
public interface Authenticator {

    /**
     * The caller, or empty when the request carries no credentials of this kind.
     *
     * @throws io.geoetl.http.support.ApiException 401 when credentials are present but invalid
     */
    Optional<Caller> authenticate(Message request);

    /** What a client must send, for the 401 message. */
    String expects();
}
