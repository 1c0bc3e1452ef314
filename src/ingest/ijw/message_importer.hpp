// The message import's state and steps (message_import.hpp), shared by its two sources:
// message_import.cpp (context, reading, checks, merging) and message_rows.cpp (the contract rows
// and the ledger written at the end). Internal to ingest/ijw.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ingest/bsn.hpp"
#include "ingest/ijw/ledger.hpp"
#include "ingest/ijw/message_files.hpp"
#include "ingest/ijw/reader.hpp"
#include "ingest/importer.hpp"
#include "ingest/key_set.hpp"
#include "ingest/reject_log.hpp"
#include "ingest/rejection.hpp"
#include "ingest/row_pipe.hpp"
#include "store/store.hpp"

namespace rk::ingest::ijw::detail {

using model::Kind;
using store::Cell;

inline constexpr std::string_view kLedgerFlag = "ijw.ledger";

// A message that passed every check, with its BSN already replaced by the pseudonym.
struct Accepted {
  Message message;
  Stamp stamp;
};

// Per message type (and one bucket for unreadable and other messages): the summary line.
inline constexpr size_t kBuckets = 5;
inline constexpr size_t kOtherBucket = 4;

// What MessageImporter::check decides for one message.
struct Verdict {
  Rejected rejected;    // column: the element at fault
  uint64_t line = 1;    // where the problem is
  bool repeat = false;  // an identical repeat of a message received before
};

class MessageImporter {
 public:
  MessageImporter(store::Store& store, RowPipe& pipe, const Pseudonymizer& pseudonymizer,
                  RejectLog& rejects)
      : store_(store), pipe_(pipe), pseudonymizer_(pseudonymizer), rejects_(rejects) {
    for (size_t b = 0; b < kBuckets; ++b) {
      buckets_[b].path = "(iJw-berichten)";
      buckets_[b].kind = b < kOtherBucket
                             ? std::string(message_type_info(static_cast<MessageType>(b)).name)
                             : "iJw overig";
    }
  }

  Status run(const std::vector<std::string>& paths, std::vector<FileSummary>& files);

 private:
  Status load_context();
  Status read_all(const std::vector<std::string>& paths);
  Status take(const std::string& path, Parsed& parsed);
  // Checks one read message against the store and earlier messages. Fails on store errors only.
  Result<Verdict> check(const Message& m);
  // The checks of the product lines (check's part that needs no store).
  static Verdict check_lines(const Message& m);
  void reject(const std::string& path, uint64_t line, const Rejection& rejection, const Message* m,
              size_t bucket);
  Status apply(const Accepted& a);
  Status apply_request(const Accepted& a, const ProductLine& p);
  Result<Assignment*> assignment(const Message& m, int64_t number);
  Result<bool> request_known(const std::string& provider, const std::string& reference);
  Status write_rows();
  Status write_clients();
  Status write_requests();
  Status write_trajectories();
  // The texts of a trajectory row that are made, not taken from the assignment.
  struct TrajectoryText {
    std::string id, start, end, request;
  };
  // The trajectory row of an assignment into `cells` (its texts in `text`); false when the
  // assignment is rejected.
  Result<bool> trajectory_row(const Assignment& a, TrajectoryText& text, std::vector<Cell>& cells);
  Status write_ledger();

  store::Store& store_;
  RowPipe& pipe_;
  const Pseudonymizer& pseudonymizer_;
  RejectLog& rejects_;
  std::array<FileSummary, kBuckets> buckets_;

  KeyMap municipalities_;
  std::unordered_map<std::string, bool> provider_own_;  // AGB -> kind == own
  std::unordered_map<std::string, std::string> client_of_pseudonym_;
  bool ledger_ = false;  // the store holds a ledger of earlier message imports

  std::unordered_map<std::string, uint64_t> message_digests_;  // ledger key -> digest (new)
  std::vector<Accepted> accepted_;
  std::unordered_map<std::string, Assignment> assignments_;  // ledger key -> state
  std::unordered_map<std::string, Request> requests_;        // ledger key -> state
  // Clients first seen in this import: pseudonym -> (birth date, municipality) of the latest.
  std::unordered_map<std::string, std::pair<Date, std::string>> new_clients_;
  uint64_t repeats_ = 0;
  uint64_t other_types_ = 0;
};

}  // namespace rk::ingest::ijw::detail
