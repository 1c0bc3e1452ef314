// Failed logins are throttled per (name, address) and per address; the throttle reads a manual
// clock, so nothing here sleeps.
#include "server/login_throttle.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace rk::server {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class LoginThrottleTest : public ::testing::Test {
 protected:
  void fail(const std::string& name, const std::string& address, int times) {
    for (int i = 0; i < times; ++i) throttle_.failure(name, address);
  }
  int wait(const std::string& name, const std::string& address) {
    return throttle_.locked_for(name, address);
  }

  std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>();
  LoginThrottle throttle_{clock_};
};

TEST_F(LoginThrottleTest, PairIsLockedAfterFreeFailuresWithGrowingDelay) {
  fail("ana", "10.0.0.1", LoginThrottle::kFreePairFailures);
  EXPECT_EQ(wait("ana", "10.0.0.1"), 0);
  fail("ana", "10.0.0.1", 1);
  EXPECT_EQ(wait("ana", "10.0.0.1"), 1);
  fail("ana", "10.0.0.1", 1);
  EXPECT_EQ(wait("ana", "10.0.0.1"), 2);
  fail("ana", "10.0.0.1", 1);
  EXPECT_EQ(wait("ana", "10.0.0.1"), 4);
  fail("ana", "10.0.0.1", 20);
  EXPECT_EQ(wait("ana", "10.0.0.1"), LoginThrottle::kMaxLockSeconds);
  clock_->advance(seconds(LoginThrottle::kMaxLockSeconds));
  EXPECT_EQ(wait("ana", "10.0.0.1"), 0);
}

TEST_F(LoginThrottleTest, StrangerElsewhereDoesNotLockTheRealUserOut) {
  fail("ana", "203.0.113.9", 10);
  EXPECT_GT(wait("ana", "203.0.113.9"), 0);
  EXPECT_EQ(wait("ana", "10.0.0.1"), 0) << "ana at her own address may still log in";
}

TEST_F(LoginThrottleTest, SuccessClearsOnlyItsOwnPair) {
  fail("bob", "10.0.0.1", LoginThrottle::kFreePairFailures);
  fail("ana", "10.0.0.1", LoginThrottle::kFreePairFailures);
  throttle_.success("ana", "10.0.0.1");
  fail("bob", "10.0.0.1", 1);
  EXPECT_GT(wait("bob", "10.0.0.1"), 0) << "ana's login does not reset bob's failures";
  fail("ana", "10.0.0.1", 1);
  EXPECT_EQ(wait("ana", "10.0.0.1"), 0) << "ana's own failures were reset";
}

TEST_F(LoginThrottleTest, AddressIsLockedAfterManyNamesAndSuccessDoesNotReset) {
  // Guessing one password for many names never locks a pair, but does lock the address.
  for (int i = 0; i < LoginThrottle::kFreeAddressFailures; ++i) {
    fail("user" + std::to_string(i), "198.51.100.7", 1);
    if (i % 5 == 0) throttle_.success("own", "198.51.100.7");  // its own account
  }
  EXPECT_EQ(wait("other", "198.51.100.7"), 0);
  fail("one-more", "198.51.100.7", 1);
  EXPECT_EQ(wait("anyone", "198.51.100.7"), 1);
  throttle_.success("own", "198.51.100.7");
  EXPECT_EQ(wait("own", "198.51.100.7"), 1) << "only time ends the address's lock";
  EXPECT_EQ(wait("anyone", "192.0.2.1"), 0) << "other addresses are not affected";
}

TEST_F(LoginThrottleTest, FailuresAreForgottenAfterTheMemory) {
  fail("ana", "10.0.0.1", LoginThrottle::kFreePairFailures);
  clock_->advance(LoginThrottle::kFailureMemory + minutes(1));
  fail("ana", "10.0.0.1", 1);
  EXPECT_EQ(wait("ana", "10.0.0.1"), 0) << "the count started again";
}

TEST_F(LoginThrottleTest, KeysDoNotRunTogether) {
  // "a\nb" cannot be made from another split of name and address.
  fail("b", "a", LoginThrottle::kFreePairFailures + 1);
  EXPECT_GT(wait("b", "a"), 0);
  EXPECT_EQ(wait("", "a\nb"), 0);
  EXPECT_EQ(wait("ab", ""), 0);
}

}  // namespace
}  // namespace rk::server
