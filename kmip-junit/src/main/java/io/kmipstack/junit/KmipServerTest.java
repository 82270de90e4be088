package io.kmipstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an embedded KMIP server for the annotated test class: on a random loopback port, with an
 * in-memory store and a throw-away PKI minted for the class. Test methods (and constructors,
 * lifecycle methods) declare what they need as parameters: a ready
 * {@link io.kmipstack.client.KmipClient}, {@link KmipConnectionSettings} (host, port, PEM files and
 * in-memory certificates) and {@link io.kmipstack.server.KmipServer}. One server (and client)
 * serves every test of the class; it is closed after the last one.
 *
 * <p>For settings beyond these attributes, register {@link KmipServerExtension} as a field
 * instead ({@code @RegisterExtension static KmipServerExtension kmip = KmipServerExtension.builder()...}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KmipServerExtension.class)
public @interface KmipServerTest {

    /** Common name of the client certificate in the settings (the requester's identity). */
    String clientCn() default KmipServerExtension.DEFAULT_CLIENT_CN;

    /** Identities that see and may use every object. */
    String[] admins() default {};

    /** Also serve KMIP over HTTPS (on another random port). */
    boolean https() default false;
}
