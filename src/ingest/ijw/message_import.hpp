// Import of iJw message files into the store, inside the import transaction of the CSV importer:
// messages are read and validated (reader.hpp), checked against the store (known municipality and
// provider, message identity), merged per assignment and per request by the rules of
// docs/ijw.md, and written as client, request and trajectory rows of the contract. What the
// messages said is kept in a ledger in the store's metadata, so later imports merge with it.
#pragma once

#include <string>
#include <vector>

#include "ingest/bsn.hpp"
#include "ingest/importer.hpp"
#include "ingest/reject_log.hpp"
#include "ingest/row_pipe.hpp"
#include "model/status.hpp"
#include "store/store.hpp"

namespace rk::ingest::ijw {

// Imports the message files `paths` (in that order). REQUIRES: inside store.begin(); `pipe`
// writes to `store`. Adds one FileSummary per message type to `files`. Rejected messages go to
// `rejects` with file, line, element and reason. Fails only on store errors.
Status import_messages(store::Store& store, RowPipe& pipe, const Pseudonymizer& pseudonymizer,
                       RejectLog& rejects, const std::vector<std::string>& paths,
                       std::vector<FileSummary>& files);

}  // namespace rk::ingest::ijw
