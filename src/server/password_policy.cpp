#include "server/password_policy.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <string>

#include <fmt/format.h>

#include "util/text.hpp"

namespace rk::server {
namespace {

// Passwords (and the words they are built on) that guessing tools try first: the top of the
// published leak lists, and Dutch favourites. Lower case; a password matches when, lowered and
// with digits and punctuation around it removed, it is one of these.
constexpr auto kCommon = std::to_array<std::string_view>(
    {// English and international
     "password", "passw0rd", "passwort", "pass", "qwerty", "qwertz", "azerty", "qwertyuiop",
     "asdfgh", "asdfghjkl", "zxcvbnm", "abc", "abcd", "abcdef", "abcdefg", "abcdefgh", "abcdefghi",
     "abcdefghij", "iloveyou", "letmein", "welcome", "admin", "administrator", "root", "login",
     "master", "monkey", "dragon", "football", "baseball", "soccer", "hockey", "basketball",
     "sunshine", "princess", "shadow", "superman", "batman", "trustno1", "starwars", "pokemon",
     "charlie", "michael", "jennifer", "jordan", "thomas", "daniel", "jessica", "ashley", "hunter",
     "ranger", "buster", "tigger", "harley", "robert", "matthew", "freedom", "whatever", "qazwsx",
     "qazwsxedc", "zaq1zaq1", "1qaz2wsx", "1q2w3e4r", "1q2w3e4r5t", "q1w2e3r4", "q1w2e3r4t5",
     "secret", "summer", "winter", "spring", "autumn", "hello", "helloworld", "changeme", "default",
     "guest", "test", "tester", "testing", "demo", "user", "username", "computer", "internet",
     "access", "mustang", "cheese", "flower", "lovely", "loveme", "love", "baby", "angel", "killer",
     "pepper", "ginger", "orange", "banana", "chocolate", "cookie", "maggie", "purple", "silver",
     "golden", "diamond", "samsung", "apple", "google", "microsoft", "windows", "linux", "ubuntu",
     "debian", "oracle", "postgres", "mysql", "database", "server", "system", "support", "service",
     "office", "company", "business", "manager", "superuser", "passpass", "mypassword",
     "newpassword", "yourpassword", "nopassword", "password1", "blahblah", "nothing", "everything",
     "secure", "security", "private", "qwerty123", "iloveu", "friends", "family", "forever",
     "together", "heaven", "jesus", "christ", "blessed", "liverpool", "chelsea", "arsenal",
     "barcelona", "madrid", "juventus", "london", "paris", "berlin", "newyork", "america", "europe",
     "monday", "tuesday", "friday", "sunday", "january", "december",
     // Dutch
     "wachtwoord", "wachtw00rd", "wagwoord", "welkom", "welkom01", "welkomwelkom", "geheim",
     "geheimpje", "hallo", "hallohallo", "hoi", "doei", "dag", "voetbal", "ajax", "feyenoord",
     "psv", "ajaxamsterdam", "amsterdam", "rotterdam", "utrecht", "denhaag", "eindhoven",
     "groningen", "maastricht", "heerlen", "nederland", "holland", "oranje", "liefde", "schatje",
     "schat", "lieverd", "prinses", "prinsesje", "konijn", "poesje", "hondje", "vakantie", "zomer",
     "lente", "herfst", "zonneschijn", "regenboog", "vrijheid", "familie", "kinderen", "mama",
     "papa", "oma", "opa", "inloggen", "beheer", "beheerder", "gebruiker", "medewerker", "gemeente",
     "jeugdzorg", "jeugd", "zorg", "regiekamer", "regio", "kantoor", "werk", "maandag", "dinsdag",
     "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "januari", "februari", "maart",
     "april", "juni", "juli", "augustus", "september", "oktober", "november", "sinterklaas",
     "kerstmis", "koning", "koningin", "tulp", "fiets", "kaas", "stroopwafel", "appel", "snoepje",
     "lekker", "kabouter", "ikhouvanjou", "geluk", "gezondheid", "nieuw", "nieuwwachtwoord",
     "mijnwachtwoord", "toegang", "starten", "open", "sesam", "opensesam", "wijzigen", "veilig",
     "veiligheid", "test123", "proef"});

// Character runs that people type instead of choosing: a password inside one of these (or its
// reverse) is a sequence.
constexpr std::array<std::string_view, 6> kSequences = {
    "012345678901234567890123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",     "qwertzuiopasdfghjklyxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm"};

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80; }

// Digits and symbols written for letters ("p@ssw0rd").
std::string unleet(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    switch (c) {
      case '@':
      case '4':
        c = 'a';
        break;
      case '0':
        c = 'o';
        break;
      case '1':
      case '!':
        c = 'i';
        break;
      case '3':
        c = 'e';
        break;
      case '5':
      case '$':
        c = 's';
        break;
      case '7':
        c = 't';
        break;
      default:
        break;
    }
  }
  return out;
}

// The part between the first and the last letter: "Welkom2024!" -> "welkom".
std::string_view stem(std::string_view lowered) {
  const auto first = std::find_if(lowered.begin(), lowered.end(), is_letter);
  if (first == lowered.end()) return {};
  const auto last = std::find_if(lowered.rbegin(), lowered.rend(), is_letter).base();
  return {first, last};
}

bool is_common(std::string_view word) {
  return std::find(kCommon.begin(), kCommon.end(), word) != kCommon.end();
}

bool is_sequence(std::string_view s) {
  if (s.empty()) return false;
  for (std::string_view run : kSequences) {
    if (run.find(s) != std::string_view::npos) return true;
    const std::string reversed(run.rbegin(), run.rend());
    if (reversed.find(s) != std::string::npos) return true;
  }
  return false;
}

// One character, or a group of up to four repeated: "aaaa…", "abcabcabcabc".
bool is_repetition(std::string_view s) {
  for (size_t group = 1; group <= 4 && group < s.size(); ++group) {
    bool repeated = true;
    for (size_t i = group; i < s.size() && repeated; ++i) repeated = s[i] == s[i - group];
    if (repeated) return true;
  }
  return false;
}

bool is_weak(std::string_view lowered) {
  if (is_common(lowered) || is_common(unleet(lowered))) return true;
  if (is_sequence(lowered) || is_repetition(lowered)) return true;
  const std::string_view core = stem(lowered);
  if (core.empty()) return false;
  if (is_common(core) || is_common(unleet(core))) return true;
  // Without separators, and a common word twice: "welkom-welkom".
  std::string letters;
  std::copy_if(core.begin(), core.end(), std::back_inserter(letters), is_letter);
  if (is_common(letters)) return true;
  const size_t half = letters.size() / 2;
  if (letters.size() % 2 == 0 && letters.compare(0, half, letters, half, half) == 0 &&
      is_common(letters.substr(0, half)))
    return true;
  // A long sequence or repetition with a few digits around it.
  return core.size() >= 8 && (is_sequence(core) || is_repetition(core));
}

}  // namespace

size_t count_code_points(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

Status check_password(std::string_view name, std::string_view password) {
  const size_t length = count_code_points(password);
  if (length < kMinPasswordLength)
    return Status::error(
        ErrorKind::kUsage,
        fmt::format("wachtwoord te kort: {} tekens, minstens {}", length, kMinPasswordLength));
  const std::string lowered = util::lower_ascii(password);
  const std::string lowered_name = util::lower_ascii(name);
  if (!lowered_name.empty() &&
      (lowered == lowered_name ||
       (lowered_name.size() >= 3 && lowered.find(lowered_name) != std::string::npos)))
    return Status::error(ErrorKind::kUsage, "wachtwoord bevat de gebruikersnaam; kies een ander");
  if (is_weak(lowered))
    return Status::error(ErrorKind::kUsage,
                         "wachtwoord is te voorspelbaar (een bekend wachtwoord, een reeks of een "
                         "herhaling); kies bijvoorbeeld vier losse woorden");
  return Status::ok();
}

}  // namespace rk::server
