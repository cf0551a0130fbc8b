/**
 * Privacy rules on the way in and the data subject's rights: {@link io.marquee.privacy.PrivacyGuard}
 * (card data refused, personal fields encrypted, IPs truncated, erased users dropped) and
 * {@link io.marquee.privacy.Suppressions} (the salted digests of erased ids); {@link
 * io.marquee.privacy.PrivacyCapability} registers {@link io.marquee.privacy.PrivacyApi}.
 */
package io.marquee.privacy;
