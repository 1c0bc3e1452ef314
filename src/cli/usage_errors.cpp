#include "cli/usage_errors.hpp"

#include <array>
#include <regex>

namespace rk::cli {
namespace {

struct Translation {
  const char* english;  // an ECMAScript regex matching one whole CLI11 message
  const char* dutch;    // its replacement ($1, $2 … are the groups)
};

// The messages of CLI11 2.1.2 (CLI/Error.hpp, CLI/Validators.hpp) that this program can raise.
constexpr std::array kTranslations = {
    Translation{R"((.+) is required)", "$1 is verplicht"},
    Translation{R"(The following arguments? (?:was|were) not expected: (.*))", "niet verwacht: $1"},
    Translation{R"((\S+): \d+ required \S+ missing)", "$1: de waarde ontbreekt"},
    Translation{R"((\S+): At Most (\d+) required but received (\d+))",
                "$1: hoogstens $2 keer toegestaan, $3 keer gegeven"},
    Translation{R"((\S+): At least (\d+) required but received (\d+))",
                "$1: minstens $2 waarden nodig, $3 gegeven"},
    Translation{R"(Expected exactly (\d+) arguments to (\S+), got (\d+))",
                "$2: precies $1 waarden nodig, $3 gegeven"},
    Translation{R"(Expected at least (\d+) arguments to (\S+), got (\d+))",
                "$2: minstens $1 waarden nodig, $3 gegeven"},
    Translation{R"(Could not convert: (\S+) = (.*))", "$1: ongeldige waarde '$2'"},
    Translation{R"(The value (.*) is not an allowed value for (\S+))",
                "$2: waarde '$1' is niet toegestaan"},
    Translation{R"((\S+): too many inputs for a flag)", "$1: deze vlag neemt geen waarde"},
    Translation{R"((\S+): Should be true/false or a number)",
                "$1: verwacht true, false of een getal"},
    Translation{R"((\S+): Value (.*) not in range (\S+) to (\S+))",
                "$1: verwacht een getal van $3 tot en met $4, gevonden '$2'"},
};

// The names of the commands a user may choose under `app`.
std::string command_names(const CLI::App& app) {
  std::string names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (!names.empty()) names += ", ";
    names += sub->get_name();
  }
  return names;
}

}  // namespace

std::string dutch_usage_error(std::string_view english, std::string_view commands) {
  const std::string text(english);
  if (text == "A subcommand is required") return "kies een opdracht: " + std::string(commands);
  for (const Translation& t : kTranslations) {
    const std::regex pattern(t.english);
    if (std::regex_match(text, pattern)) return std::regex_replace(text, pattern, t.dutch);
  }
  return "ongeldige opdrachtregel: " + text;
}

std::string dutch_failure_message(const CLI::App* app, const CLI::Error& error) {
  // The deepest command the line selected is the one whose use was wrong.
  std::string command = "regiekamer";
  const CLI::App* selected = app;
  while (!selected->get_subcommands().empty()) {
    selected = selected->get_subcommands().front();
    command += " " + selected->get_name();
  }
  std::string message = dutch_usage_error(error.what(), command_names(*selected));
  // A mistyped command is left over as an argument, while CLI11 says a command is missing.
  const std::vector<std::string> left = selected->remaining();
  if (selected->get_require_subcommand_min() > 0 && !left.empty() && !left.front().starts_with("-"))
    message = "onbekende opdracht '" + left.front() + "'; " + message;
  return command + ": " + message + "\nmeer uitleg: " + command + " --help\n";
}

}  // namespace rk::cli
