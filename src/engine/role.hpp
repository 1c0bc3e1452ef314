// Who a figure is shown to: analysts of the provider see exact figures; municipality and public
// see figures only through the disclosure-control layer (engine/disclosure.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace rk::engine {

enum class Role : uint8_t { kAnalyst, kMunicipality, kPublic };
std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

}  // namespace rk::engine
