package io.hopscope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The whole application on a random port for an integration test, with a {@code WebTestClient}: its
 * own data directory per application context, and the default demo cluster (flannel-vxlan) as the
 * source unless the test says otherwise ({@link #properties}, a {@code @DynamicPropertySource}, or
 * a {@link FixtureSource} configuration).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ContextCustomizerFactories(AppTestDefaults.Factory.class)
public @interface HopscopeAppTest {

  /** Extra properties ({@code key=value}); they win over the defaults. */
  @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
  String[] properties() default {};
}
