# Writes OUT: a help2man include file (cmake/install.cmake) with a COMMANDS section holding the
# --help of every command and subcommand of PROGRAM, as read from the program itself.

# The names under "Subcommands:" in the --help of PROGRAM ARGS….
function(rk_subcommands out)
  execute_process(COMMAND ${PROGRAM} ${ARGN} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} ${ARGN} --help failed")
  endif()
  string(REGEX MATCH "Subcommands:\n.*" section "${help}")
  string(REGEX MATCHALL "\n  [a-z][a-z-]*" names "${section}")
  list(TRANSFORM names STRIP)
  set(${out} ${names} PARENT_SCOPE)
endfunction()

# The --help of PROGRAM ARGS… as a roff subsection, printed as it is.
function(rk_section out)
  execute_process(COMMAND ${PROGRAM} ${ARGN} --help OUTPUT_VARIABLE help)
  # "Usage: /path/of/the/build/regiekamer kpi …": the program's name, not where it was built.
  string(REPLACE "${PROGRAM}" "regiekamer" help "${help}")
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  string(REPLACE ";" " " title "regiekamer ${ARGN}")
  set(${out} ".SS \"${title}\"\n.nf\n${help}.fi\n" PARENT_SCOPE)
endfunction()

set(text "[COMMANDS]\n")
rk_subcommands(commands)
foreach(command ${commands})
  rk_section(section ${command})
  string(APPEND text "${section}")
  rk_subcommands(subcommands ${command})
  foreach(subcommand ${subcommands})
    rk_section(section ${command} ${subcommand})
    string(APPEND text "${section}")
  endforeach()
endforeach()
file(WRITE "${OUT}" "${text}")
