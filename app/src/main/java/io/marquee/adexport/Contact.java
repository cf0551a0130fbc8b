package io.marquee.adexport;

/**
 * One member's fields as the export reads them, before normalisation; any may be null.
 *
 * @param birthday {@code YYYY-MM-DD} as the identify call gave it
 * @param gender the gender trait, as given
 * @param country the profile's country (ISO alpha-2), the default region of the phone
 */
record Contact(String userId, String email, String phone, String firstName, String lastName, String gender,
    String birthday, String zip, String country) {
}
