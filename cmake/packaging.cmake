# Installation of the system files and the Debian package (docs/packaging.md; scripts/package-deb.sh drives it).
#
# Two kinds of install rules: the default component (binaries, completions, man pages, docs; relative to
# CMAKE_INSTALL_PREFIX, so `cmake --install build --prefix ~/.local` works as a user), and the component `system`
# (the systemd unit and /etc/mytoken/config.yaml at absolute Debian paths), which only the package and an explicit
# `cmake --install build --component system` install.
include(GNUInstallDirs)

# Man pages, gzipped as Debian policy wants them (-n: no time stamp, so the package is reproducible).
set(man_pages mytokend.8 mytoken.1)
set(man_gz)
foreach(page ${man_pages})
  string(REGEX REPLACE ".*\\." "" section ${page})
  set(gz ${CMAKE_BINARY_DIR}/man/${page}.gz)
  add_custom_command(OUTPUT ${gz}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND gzip -9n -c ${CMAKE_SOURCE_DIR}/man/${page} > ${gz}
    DEPENDS ${CMAKE_SOURCE_DIR}/man/${page} VERBATIM)
  list(APPEND man_gz ${gz})
  install(FILES ${gz} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
endforeach()
add_custom_target(man_pages ALL DEPENDS ${man_gz})

install(FILES README.md docs/configuration.md docs/packaging.md DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/mytoken)

install(FILES config/mytokend.service DESTINATION /lib/systemd/system COMPONENT system EXCLUDE_FROM_ALL)
install(FILES config/mytokend.example.yaml DESTINATION /etc/mytoken RENAME config.yaml
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ COMPONENT system EXCLUDE_FROM_ALL)

# CPack: one .deb with both components. Depends: from dpkg-shlibdeps (the libraries the binaries link), plus
# adduser for postinst.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mytoken)
set(CPACK_PACKAGE_VENDOR "mytoken-cpp")
set(CPACK_PACKAGE_CONTACT "mytoken-cpp maintainers <mytoken@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "mytoken server and client: long-lived tokens for OpenID Connect access tokens")
set(CPACK_PACKAGE_DESCRIPTION
    "mytokend serves the mytoken API v0 (wire-compatible with the reference server 0.10): users log in at an\nOpenID provider once and clients obtain access tokens from a mytoken later. mytoken is the command line\nclient. Includes a sandboxed systemd unit (Type=notify).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_COMPONENTS_ALL Unspecified system)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)  # debug info stays in the build directory
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/packaging/debian/postinst ${CMAKE_SOURCE_DIR}/packaging/debian/prerm
    ${CMAKE_SOURCE_DIR}/packaging/debian/postrm ${CMAKE_SOURCE_DIR}/packaging/debian/conffiles)
include(CPack)
